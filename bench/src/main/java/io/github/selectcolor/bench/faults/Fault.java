package io.github.selectcolor.bench.faults;

/** One fault of a run: injects itself, heals and waits until the part is healthy again. */
interface Fault {

  String name();

  /**
   * Injects the fault, heals it and returns once the part is healthy.
   *
   * @return what it hit, such as "pid 4242"
   */
  String injectAndHeal() throws Exception;

  static Fault of(String name, Step step) {
    return new Fault() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String injectAndHeal() throws Exception {
        return step.run();
      }
    };
  }

  /** A fault's body. */
  @FunctionalInterface
  interface Step {
    String run() throws Exception;
  }
}
