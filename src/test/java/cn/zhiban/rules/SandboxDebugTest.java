package cn.zhiban.rules;

import cn.zhiban.rulesets.HostileCorpusAccess;
import org.junit.jupiter.api.Test;

class SandboxDebugTest {
    @Test
    void debug() {
        HostileCorpusAccess.dump();
    }
}
