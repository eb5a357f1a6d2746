package io.github.selectcolor.bench.faults;

/**
 * One injected fault as it happened.
 *
 * @param fault          what was done, such as "HDFS sink SIGKILL 3/10"
 * @param detail         to which process, such as its pid or the broker's id
 * @param atSeconds      when it was injected, in seconds from the start of the load
 * @param outageSeconds  from the injection until the part was healthy again
 */
record FaultRecord(String fault, String detail, double atSeconds, double outageSeconds) {
}
