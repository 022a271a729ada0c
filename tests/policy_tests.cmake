# Runs `zc test` over rulesets and passes only if it exits 0 and its summary
# counts at least one test passed and none failed: a regular expression on
# the output alone would pass a run that also met a ruleset it could not load.
#   cmake -DZC=… -P policy_tests.cmake [--engine E] RULESET…
# zc's arguments are cmake's after the script's name.
set(arguments)
set(script_at -1)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE ${last})
  if(script_at GREATER_EQUAL 0 AND i GREATER script_at)
    list(APPEND arguments "${CMAKE_ARGV${i}}")
  elseif(CMAKE_ARGV${i} STREQUAL "-P")
    math(EXPR script_at "${i} + 1")
  endif()
endforeach()
execute_process(COMMAND ${ZC} test ${arguments} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "zc test exited with ${status}")
endif()
if(NOT out MATCHES "(^|\n)([0-9]+) passed, 0 failed\n$" OR CMAKE_MATCH_2 EQUAL 0)
  message(FATAL_ERROR "zc test ran no test, or its summary is not `N passed, 0 failed`")
endif()
