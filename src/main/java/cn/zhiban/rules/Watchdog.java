package cn.zhiban.rules;

import org.kie.api.runtime.KieSession;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Stops evaluations that outlive their deadline. One shared daemon thread looks at the running evaluations
 * every {@link #TICK_MILLIS} ms, so an evaluation costs a set insertion and removal, not a thread or a timer
 * task. {@code halt()} stops a session between two firings only: a consequence that never returns cannot be
 * interrupted here, which is why uploaded rules are refused statically (bytecode check) when they could loop.
 */
final class Watchdog {
    static final long TICK_MILLIS = 50;
    private static final Set<Watch> RUNNING = ConcurrentHashMap.newKeySet();
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rule-evaluation-watchdog");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.scheduleWithFixedDelay(Watchdog::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private Watchdog() {
    }

    /** Watches {@code session}, evaluated on the calling thread, until {@link Watch#finish()}. */
    static Watch watch(KieSession session, long allowedNanos, Function<StackTraceElement[], String> ruleOf) {
        long now = System.nanoTime();
        Watch watch = new Watch(session, Thread.currentThread(), now, now + allowedNanos, ruleOf);
        RUNNING.add(watch);
        return watch;
    }

    private static void tick() {
        long now = System.nanoTime();
        for (Watch watch : RUNNING) {
            if (now - watch.deadline > 0) {
                try {
                    watch.expire();
                } catch (RuntimeException e) {
                    // a session disposed under us: the evaluation has ended anyway; keep watching the others
                }
            }
        }
    }

    static final class Watch {
        private final KieSession session;
        private final Thread thread;
        private final long started;
        private final long deadline;
        private final Function<StackTraceElement[], String> ruleOf;
        private volatile boolean expired;
        private volatile String runningRule;
        private boolean finished;

        private Watch(KieSession session, Thread thread, long started, long deadline, Function<StackTraceElement[], String> ruleOf) {
            this.session = session;
            this.started = started;
            this.thread = thread;
            this.deadline = deadline;
            this.ruleOf = ruleOf;
        }

        /**
         * Halts the session; repeated at every tick until the evaluation finishes, because halt() does nothing
         * to a session that is not firing yet (still inserting). Never after finish(): a pooled session may
         * already serve another evaluation by then.
         */
        private synchronized void expire() {
            if (finished) {
                return;
            }
            if (!expired) {
                // Which rule is running: its consequence is on the evaluating thread's stack (sampled once, only here).
                runningRule = ruleOf.apply(thread.getStackTrace());
                expired = true;
            }
            session.halt();
        }

        java.time.Duration elapsed() {
            return java.time.Duration.ofNanos(System.nanoTime() - started);
        }

        boolean expired() {
            return expired;
        }

        String runningRule() {
            return runningRule;
        }

        synchronized void finish() {
            finished = true;
            RUNNING.remove(this);
        }
    }
}
