package cn.zhiban.catalogue;

import java.util.List;

/** One file of policy-data/service-items/. */
public record ServiceItemFile(List<ServiceItemDefinition> items) {
}
