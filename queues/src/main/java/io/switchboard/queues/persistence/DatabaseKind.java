package io.switchboard.queues.persistence;

import java.util.Locale;

/** The databases the journal can live in, with what Slick and JDBC need to reach each. */
public enum DatabaseKind {
    H2("slick.jdbc.H2Profile$", "org.h2.Driver", "schema/h2/h2-create-schema.sql"),
    POSTGRES("slick.jdbc.PostgresProfile$", "org.postgresql.Driver", "schema/postgres/postgres-create-schema.sql");

    private final String slickProfile;
    private final String jdbcDriver;
    private final String schemaResource;

    DatabaseKind(String slickProfile, String jdbcDriver, String schemaResource) {
        this.slickProfile = slickProfile;
        this.jdbcDriver = jdbcDriver;
        this.schemaResource = schemaResource;
    }

    public static DatabaseKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("switchboard.persistence.kind must be h2 or postgres, not " + name);
        }
    }

    public String slickProfile() {
        return slickProfile;
    }

    public String jdbcDriver() {
        return jdbcDriver;
    }

    /** The DDL pekko-persistence-jdbc ships in its jar for this database. */
    public String schemaResource() {
        return schemaResource;
    }
}
