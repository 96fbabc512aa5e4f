package io.switchboard.queues.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.queues.queue.QueueEntity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Queue events journaled before they carried the exit key or their own time still deserialize (the missing
 * field is null) and are read into the queue log: dated when the journal stored them, without a key.
 */
class OldJournalEventsTest {
    private static final ActorTestKit testKit = ActorTestKit.create("old-journal");
    private static final Instant STORED = Instant.parse("2026-11-26T09:30:00Z");

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    /** An event as the journal holds it: CBOR from the serializer's own mapper, without the newer fields. */
    private static Object replay(Class<?> type, ObjectNode oldFields) throws Exception {
        ObjectMapper cbor = JacksonObjectMapperProvider.get(testKit.system().classicSystem())
                .getOrCreate("jackson-cbor", Optional.empty());
        Serialization serialization = SerializationExtension.get(testKit.system().classicSystem());
        Serializer serializer = serialization.serializerFor(type);
        return serialization.deserialize(cbor.writeValueAsBytes(oldFields), serializer.identifier(), type.getName())
                .get();
    }

    private static ObjectNode fields() {
        return new ObjectMapper().createObjectNode();
    }

    @Test
    void eventsWithoutTheirTimeOrKeyStillReplay() throws Exception {
        QueueEntity.CallerLeft left = (QueueEntity.CallerLeft) replay(QueueEntity.CallerLeft.class, fields()
                .put("callerId", "pbx1/a").put("reason", "EXITWITHKEY").put("waitedSeconds", 30).put("position", 1)
                .put("at", "2026-11-26T09:00:30Z"));
        assertNull(left.key());
        QueueEntity.OfferFailed failed = (QueueEntity.OfferFailed) replay(QueueEntity.OfferFailed.class, fields()
                .put("callerId", "pbx1/a").put("agentId", "agent1").put("reason", "NOANSWER").put("ringSeconds", 15)
                .put("retryAt", "2026-11-26T09:00:20Z"));
        assertNull(failed.at());
        QueueEntity.MemberAdded added = (QueueEntity.MemberAdded) replay(QueueEntity.MemberAdded.class,
                fields().put("agentId", "agent1"));
        assertNull(added.at());
        QueueEntity.MemberRemoved removed = (QueueEntity.MemberRemoved) replay(QueueEntity.MemberRemoved.class,
                fields().put("agentId", "agent1"));

        QueueEntity.CallerConnected connected = (QueueEntity.CallerConnected) replay(
                QueueEntity.CallerConnected.class, fields().put("callerId", "pbx1/a").put("agentId", "agent1")
                        .put("waitedSeconds", 12).put("at", "2026-11-26T09:00:12Z"));
        assertNull(connected.agentChannelId());
        assertNull(connected.callerChannel());
        assertNull(connected.bridgeId());

        QueueLog log = new QueueLog();
        assertEquals(List.of(QueueLogEntry.member(STORED, "support", null, "agent1", QueueEventType.ADDMEMBER,
                null)), log.entriesFor("Queue|support", added, STORED));
        assertEquals(List.of(QueueLogEntry.ringNoAnswer(STORED, "support", "pbx1/a", "agent1", 15, "NOANSWER")),
                log.entriesFor("Queue|support", failed, STORED));
        assertEquals(List.of(QueueLogEntry.left(Instant.parse("2026-11-26T09:00:30Z"), "support", "pbx1/a",
                QueueEventType.EXITWITHKEY, 30, 1, null)), log.entriesFor("Queue|support", left, STORED));
        assertEquals(List.of(QueueLogEntry.member(STORED, "support", null, "agent1", QueueEventType.REMOVEMEMBER,
                null)), log.entriesFor("Queue|support", removed, STORED));
        assertEquals(QueueEventType.CONNECT, log.entriesFor("Queue|support", connected, STORED).get(0).event());
    }

    @Test
    void eventsWithTheirTimeAndKeyRoundTrip() throws Exception {
        Serialization serialization = SerializationExtension.get(testKit.system().classicSystem());
        QueueEntity.CallerLeft left = new QueueEntity.CallerLeft("pbx1/a", "EXITWITHKEY", 30, 1,
                Instant.parse("2026-11-26T09:00:30Z"), "5");
        Serializer serializer = serialization.serializerFor(QueueEntity.CallerLeft.class);
        assertEquals(left, serialization.deserialize(serializer.toBinary(left), serializer.identifier(),
                QueueEntity.CallerLeft.class.getName()).get());
    }
}
