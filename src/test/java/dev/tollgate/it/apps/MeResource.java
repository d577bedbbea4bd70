package dev.tollgate.it.apps;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** An unannotated resource that reports who JAX-RS thinks the caller is, for APIs protected by constraints. */
@Path("me")
public class MeResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String me(@Context SecurityContext security, @Context HttpServletRequest request) {
        String user = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
        return "{\"user\":" + (user == null ? "null" : "\"" + user + "\"")
                + ",\"staff\":" + security.isUserInRole("staff")
                + ",\"admin\":" + security.isUserInRole("admin")
                + ",\"aal\":" + (request.getAttribute("dev.tollgate.aal") == null ? "null"
                        : "\"" + request.getAttribute("dev.tollgate.aal") + "\"") + "}";
    }
}
