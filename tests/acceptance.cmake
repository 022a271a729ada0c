# Runs zc over an input and compares its output with the expected file, byte
# for byte: cmake -DZC=… -DRULESET=… -DINPUT=… -DEXPECTED=… -DENGINE=… -DOUT=… -P acceptance.cmake
execute_process(
  COMMAND ${ZC} run ${RULESET} --input ${INPUT} --format jsonl --engine ${ENGINE} --quiet --output ${OUT}
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "zc run exited with ${status}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${EXPECTED} RESULT_VARIABLE different)
if(different)
  execute_process(COMMAND diff ${EXPECTED} ${OUT})
  message(FATAL_ERROR "${OUT} differs from ${EXPECTED}")
endif()
message(STATUS "${ENGINE}: ${OUT} matches ${EXPECTED}")
