/* A policy's gate: whether it applies to the record, or the error that kept
 * that from being known, which every clause reading the gate fails with. */
#include "zc/runtime.h"

void zc_gate_decide(zc_gate* gates, int32_t gate, int32_t holds) {
  gates[gate].holds = holds != 0;
  gates[gate].status = ZC_OK;
  gates[gate].site = -1;
}

void zc_gate_fail(zc_gate* gates, int32_t gate, int32_t why, int32_t where) {
  gates[gate].holds = 0;
  gates[gate].status = why;
  gates[gate].site = where;
}

zc_status zc_gate_read(const zc_gate* gates, int32_t gate, int32_t* holds, int32_t* site) {
  *holds = gates[gate].holds;
  *site = gates[gate].site;
  return (zc_status)gates[gate].status;
}
