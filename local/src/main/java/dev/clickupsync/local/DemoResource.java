package dev.clickupsync.local;

import dev.clickupsync.http.Problem;
import dev.clickupsync.testkit.clickup.FakeClickUp;
import dev.clickupsync.testkit.clickup.WebhookDelivery;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;

/**
 * Local run only: change a task in the fake ClickUp and have it deliver the signed webhooks to this
 * process's own {@code POST /webhooks/clickup}, as ClickUp would. The quickest way to watch the
 * whole pipeline work: {@code curl -X POST 'localhost:8080/local/demo/tasks/86c0aa001?status=review'}.
 */
@Path("/local/demo/tasks")
public class DemoResource {

    @POST
    @Path("/{taskId}")
    public Response change(@PathParam("taskId") String taskId,
                           @QueryParam("status") String status,
                           @QueryParam("name") String name,
                           @Context UriInfo uri) {
        FakeClickUp clickUp = LocalMain.stack() == null ? null : LocalMain.stack().clickUp();
        if (clickUp == null) {
            return problem(409, "fake-clickup-off", "The fake ClickUp is not running (a real CLICKUP_API_URL is set).");
        }
        FakeClickUp second = LocalMain.stack().secondClickUp();
        if (!clickUp.workspace().hasTask(taskId) && second != null && second.workspace().hasTask(taskId)) {
            clickUp = second; // the second workspace's task: its own fake signs the deliveries with its own secret
        }
        if (!clickUp.workspace().hasTask(taskId)) {
            return problem(404, "unknown-task", "The fake workspace has no task " + taskId + ".");
        }
        List<WebhookDelivery> deliveries = clickUp.workspace().updateTask(taskId, change -> {
            if (status != null) {
                change.status(status);
            }
            if (name != null) {
                change.name(name);
            }
        });
        URI endpoint = uri.getBaseUriBuilder().path("webhooks/clickup").build();
        StringBuilder answer = new StringBuilder("{\"task_id\":\"").append(taskId).append("\",\"deliveries\":[");
        for (int i = 0; i < deliveries.size(); i++) {
            WebhookDelivery delivery = deliveries.get(i);
            int statusCode = delivery.postTo(endpoint);
            answer.append(i == 0 ? "" : ",").append("{\"event\":\"").append(delivery.event())
                    .append("\",\"ingest_status\":").append(statusCode).append('}');
        }
        return Response.ok(answer.append("]}").toString(), MediaType.APPLICATION_JSON).build();
    }

    private static Response problem(int status, String slug, String detail) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(slug, "Demo unavailable", status, detail).toJson()).build();
    }
}
