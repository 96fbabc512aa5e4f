package io.switchboard.platform.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.util.Arrays;
import java.util.List;

/** Lists an operator can give either in HOCON or as one comma-separated environment variable. */
final class ConfigLists {
    private ConfigLists() {
    }

    static List<String> strings(Config config, String path) {
        List<String> values = config.getValue(path).valueType() == ConfigValueType.LIST
                ? config.getStringList(path)
                : Arrays.asList(config.getString(path).split(","));
        return values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
