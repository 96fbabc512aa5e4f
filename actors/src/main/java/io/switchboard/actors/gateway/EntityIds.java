package io.switchboard.actors.gateway;

/** Entity ids are namespaced by the Asterisk they live on: {@code <asteriskId>/<ari id>}. */
public final class EntityIds {
    private EntityIds() {
    }

    public static String of(String asteriskId, String ariId) {
        return asteriskId + "/" + ariId;
    }

    public static String asteriskId(String entityId) {
        int slash = entityId.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("entity id must be <asteriskId>/<ari id>, got " + entityId);
        }
        return entityId.substring(0, slash);
    }

    public static String ariId(String entityId) {
        return entityId.substring(asteriskId(entityId).length() + 1);
    }
}
