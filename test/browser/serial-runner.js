const TestRunner = require('jest-runner').default;

/**
 * The browser project's runner: Jest's own, made serial, so its suites run one after another
 * while the unit and e2e suites share the workers. The browser suites share one Chromium, each
 * with an API process of its own, and wait on timers of the app; on two cores, two of them at once
 * took no less time than one after the other and one of them ran out of its time.
 */
class SerialRunner extends TestRunner {
  isSerial = true;
}

module.exports = SerialRunner;
