package cn.zhiban.bench;

import org.jboss.logmanager.LogContext;

import java.util.logging.Level;

/**
 * Benchmarks run in a plain JVM (exec:java), where no Quarkus configuration sets the log level and Drools'
 * and Easy Rules' debug and trace messages would be formatted on every rule fired (a quarter of the CPU,
 * measured with JFR). The service logs at INFO; so do the benchmarks.
 */
final class BenchLogging {
    private BenchLogging() {
    }

    static void asTheServiceDoes() {
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
        java.util.logging.Logger.getLogger("").setLevel(Level.INFO);
    }
}
