package dev.tollgate.it.apps;

import jakarta.annotation.Resource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;
import java.io.IOException;

/** Writes and counts notes through the application's own persistence unit. */
@WebServlet("/secure/notes")
public class NotesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @PersistenceContext(unitName = "notes")
    private EntityManager em;

    @Resource
    private UserTransaction transaction;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            transaction.begin();
            em.persist(new Note(request.getRemoteUser()));
            long count = em.createQuery("SELECT COUNT(n) FROM Note n", Long.class).getSingleResult();
            transaction.commit();
            PlainText.write(response, "notes=" + count);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
