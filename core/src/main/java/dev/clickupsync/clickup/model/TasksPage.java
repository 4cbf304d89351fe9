package dev.clickupsync.clickup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * One page of {@code GET /list/{id}/task} or {@code GET /team/{id}/task}. {@code lastPage} is null
 * where ClickUp omits it (team tasks): a short page ends those.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TasksPage(List<ClickUpTask> tasks, Boolean lastPage) {
    public TasksPage {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
}
