package dev.tollgate.it.apps;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** A resource protected only in code: no security constraint names it. */
@Path("hello")
public class HelloResource {

    @GET
    @RolesAllowed("staff")
    @Produces(MediaType.APPLICATION_JSON)
    public String hello(@Context SecurityContext security) {
        return "{\"hello\":\"" + security.getUserPrincipal().getName() + "\"}";
    }
}
