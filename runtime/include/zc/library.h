/* What the code zc build generates and the library runtime that it is
 * linked with (runtime/library/) agree on, beside zc/batch.h: the name of the
 * global that holds the ruleset's description (aot/RulesetDescription.cpp). */
#ifndef ZC_LIBRARY_H
#define ZC_LIBRARY_H

#define ZC_LIBRARY_DESCRIPTION_SYMBOL "zc_library_description"

#endif
