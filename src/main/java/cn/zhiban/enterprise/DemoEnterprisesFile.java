package cn.zhiban.enterprise;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * policy-data/enterprises/demo-enterprises.yaml: each entry is the PUT body plus its {@code uscc},
 * read with the same strict rules as the API.
 */
public record DemoEnterprisesFile(List<ObjectNode> enterprises) {
}
