package dev.clickupsync.mirror;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Told by {@link MirrorStore} after each entry write it made, in one place: what the write replaced
 * and what it wrote. Readers that keep derived items (the task query index) hang here, so the mirror
 * needs no knowledge of them and its packages stay free of cycles. Called after the entry write
 * succeeded, never instead of it: a listener failing leaves the entry written.
 */
public interface EntryListener {
    /** No listener: what tests that build a {@link MirrorStore} by hand get. */
    EntryListener NONE = new EntryListener() {
        @Override
        public void written(TaskSnapshot replaced, TaskSnapshot written, Supplier<Optional<TaskSnapshot>> current) {
        }

        @Override
        public void confirmed(TaskSnapshot stored, Supplier<Optional<TaskSnapshot>> current) {
        }
    };

    /**
     * @param replaced the entry the write replaced (null when there was none)
     * @param written  the entry now stored (a tombstone has {@code deleted=true})
     * @param current  re-reads the stored entry (strongly consistent), for a listener that must
     *                 check nothing newer overtook it
     */
    void written(TaskSnapshot replaced, TaskSnapshot written, Supplier<Optional<TaskSnapshot>> current);

    /**
     * A snapshot fetched from ClickUp that the mirror already held (a stale-guarded write that
     * changed nothing): a chance to heal derived items a crash left behind.
     */
    void confirmed(TaskSnapshot stored, Supplier<Optional<TaskSnapshot>> current);
}
