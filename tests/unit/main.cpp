// The one translation unit that builds Catch2's test runner; the test files
// only include the header so they recompile quickly.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
