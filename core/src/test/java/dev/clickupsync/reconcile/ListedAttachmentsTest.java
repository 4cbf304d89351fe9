package dev.clickupsync.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickupsync.mirror.MirrorStore;
import dev.clickupsync.mirror.TaskSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A listed task (ClickUp's listings leave attachments out) keeps the attachments of the stored full JSON. */
class ListedAttachmentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant V1 = Instant.ofEpochMilli(1_700_000_000_000L);

    @Test
    void aListedTaskKeepsTheStoredAttachments() throws Exception {
        TaskSnapshot listed = snapshot("{\"id\":\"t1\",\"name\":\"new\"}");
        MirrorStore.Entry stored = entry(snapshot("{\"id\":\"t1\",\"name\":\"old\",\"attachments\":[{\"id\":\"a1\"}]}"));

        TaskSnapshot written = MirrorWrites.withStoredAttachments(listed, stored);

        assertThat(written.json()).isEqualTo(JSON.readTree("{\"id\":\"t1\",\"name\":\"new\",\"attachments\":[{\"id\":\"a1\"}]}"));
        assertThat(listed.json().has("attachments")).as("the listing itself is not changed").isFalse();
    }

    @Test
    void withoutStoredAttachmentsTheListedJsonStaysWithoutThem() throws Exception {
        TaskSnapshot listed = snapshot("{\"id\":\"t1\",\"name\":\"new\"}");

        assertThat(MirrorWrites.withStoredAttachments(listed, null).json().has("attachments")).isFalse();
        assertThat(MirrorWrites.withStoredAttachments(listed, entry(snapshot("{\"id\":\"t1\"}"))).json().has("attachments"))
                .isFalse();
    }

    @Test
    void aFetchedTaskKeepsItsOwnAttachments() throws Exception {
        TaskSnapshot fetched = snapshot("{\"id\":\"t1\",\"attachments\":[]}");
        MirrorStore.Entry stored = entry(snapshot("{\"id\":\"t1\",\"attachments\":[{\"id\":\"a1\"}]}"));

        assertThat(MirrorWrites.withStoredAttachments(fetched, stored).json().get("attachments")).isEmpty();
    }

    private static TaskSnapshot snapshot(String json) throws Exception {
        return TaskSnapshot.tombstone("t1", V1).withJson((ObjectNode) JSON.readTree(json));
    }

    private static MirrorStore.Entry entry(TaskSnapshot snapshot) {
        return new MirrorStore.Entry(snapshot, V1, null, V1);
    }
}
