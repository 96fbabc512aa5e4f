package io.switchboard.simulator.rest;

/** The whole ARI route table of the simulator. */
public final class AriRoutes {
    private AriRoutes() {
    }

    public static RouteTable build(Services services) {
        RouteTable table = new RouteTable();
        AsteriskResource.register(table, services);
        ChannelsResource.register(table, services);
        BridgesResource.register(table, services);
        MediaResources.register(table, services);
        ApplicationsResource.register(table, services);
        SystemResources.register(table, services);
        return table;
    }
}
