package cn.zhiban.catalogue;

import jakarta.inject.Inject;
import cn.zhiban.policydata.PolicyDataException;
import cn.zhiban.policydata.PolicyDataFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads policy-data/service-items/ into the catalogue. Idempotent: loading the same files twice changes nothing. */
@ApplicationScoped
public class CatalogueLoader {
    @Inject
    Clock clock;

    /** Reads and checks every file first, so a bad file stops the load before anything is written. */
    public static Map<String, LoadedItem> read(Path folder) {
        List<Path> files = PolicyDataFiles.yamlFiles(folder);
        if (files.isEmpty()) {
            throw new PolicyDataException(folder.toString(), "", "没有事项目录文件(*.yaml)");
        }
        Map<String, LoadedItem> items = new HashMap<>();
        for (Path file : files) {
            ServiceItemFile content = PolicyDataFiles.read(file, ServiceItemFile.class);
            if (content.items() == null) {
                throw new PolicyDataException(file.toString(), "items", "必填");
            }
            for (int i = 0; i < content.items().size(); i++) {
                ServiceItemDefinition item = content.items().get(i);
                if (item == null) {
                    throw new PolicyDataException(file.toString(), "items[" + i + "]", "不能为空");
                }
                List<String> problems = item.problems();
                if (!problems.isEmpty()) {
                    throw new PolicyDataException(file.toString(), "items[" + i + "] (" + item.code() + ")", String.join("; ", problems));
                }
                LoadedItem previous = items.put(item.code(), new LoadedItem(item, file.getFileName().toString()));
                if (previous != null) {
                    throw new PolicyDataException(file.toString(), "items[" + i + "].code", "事项编码 " + item.code() + " 已在 " + previous.file() + " 中定义");
                }
            }
        }
        return items;
    }

    public record LoadedItem(ServiceItemDefinition definition, String file) {
    }

    @Transactional
    public int load(Path folder) {
        Map<String, LoadedItem> items = read(folder);
        Instant now = clock.instant();
        for (LoadedItem loaded : items.values()) {
            ServiceItemDefinition d = loaded.definition();
            ServiceItem item = ServiceItem.findById(d.code());
            if (item == null) {
                item = new ServiceItem();
                item.code = d.code();
            } else if (item.active && d.equals(item.definition) && loaded.file().equals(item.sourceFile)) {
                continue;
            }
            item.name = d.name();
            item.department = d.department();
            item.riskLevel = d.riskLevel();
            item.definition = d;
            item.sourceFile = loaded.file();
            item.active = true;
            item.updatedAt = now;
            item.persist();
        }
        // Decisions keep referring to withdrawn items, so they are retired, never deleted.
        ServiceItem.update("active = false where active = true and code not in ?1", items.keySet());
        return items.size();
    }
}
