package dev.tollgate.it.apps;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** The application's own entity, in its own persistence unit, beside Tollgate's. */
@Entity
public class Note {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private String id;

    private String author;

    protected Note() {
    }

    public Note(String author) {
        this.author = author;
    }

    public String author() {
        return author;
    }
}
