#include "zc/runtime.h"

const char* zc_status_message(zc_status status) {
  switch (status) {
    case ZC_OK:
      return "ok";
    case ZC_ERR_OVERFLOW:
      return "arithmetic overflow";
    case ZC_ERR_DIV_ZERO:
      return "division by zero";
    case ZC_ERR_BAD_DATE:
      return "date does not exist";
    case ZC_ERR_SYNTAX:
      return "not a number or date";
    case ZC_ERR_PRECISION:
      return "too many decimal places (at most 38)";
    case ZC_ERR_NEGATIVE_AWARD:
      return "the award is negative, and a negative award is never paid";
    case ZC_ERR_RULE:
      return "not decided: another clause of its 就高 or 封顶 rule failed";
    case ZC_ERR_NEGATIVE_CAP:
      return "the 封顶 limit is below zero";
    case ZC_ERR_DEPENDENCY:
      return "not decided: the clause whose award it builds on failed";
    case ZC_ERR_NO_VALUE:
      return "no value of the dated parameter is in force on the policy's 截至 date";
    case ZC_ERR_NO_MEMORY:
      return "out of memory";
    case ZC_ERR_BAD_RECORD:
      return "the record was refused: a value is not one its field takes";
  }
  /* Statuses can arrive from JIT or generated code as plain integers. */
  return "unknown error";
}
