package io.switchboard.platform.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.util.Map;

/** The node's configuration as a container would load it, with {@code env} as its only environment variables. */
final class EnvConfig {
    private EnvConfig() {
    }

    static Config load(Map<String, String> env) {
        return load(ConfigFactory.parseResources("application.conf"), env);
    }

    /** {@code nodeConfig} in place of application.conf, e.g. a node config file that includes it. */
    static Config load(Config nodeConfig, Map<String, String> env) {
        // ${?NAME} looks a path up in the config before the environment: the variables go in at the root
        return ConfigFactory.parseMap(env)
                .withFallback(nodeConfig)
                .withFallback(ConfigFactory.defaultReferenceUnresolved())
                .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    }
}
