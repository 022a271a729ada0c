// The records a command reads (zc run, zc diff): a file or standard input,
// in the format its extension or --input-format says.
#pragma once

#include <memory>
#include <string>

#include "driver/Commands.h"
#include "io/RecordSource.h"

namespace zc {

// Opens the input, printing why not (and any note on how it is read) to
// stderr; `name` is how messages name it ("<stdin>" for standard input).
std::unique_ptr<RecordSource> openCommandInput(const InputOptions& options, const rt::RecordSchema& schema,
                                               std::string& name);

}  // namespace zc
