package dev.tollgate.it.apps.form;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/** Seeds the application's user tables at start-up, the way such an application's installer would. */
@Singleton
@Startup
public class FormUsers {

    /** The password of every user of the test applications. */
    public static final String PASSWORD = "correct-horse-battery";

    private static final Map<String, String[]> USERS = Map.of(
            "alice", new String[] {"staff"},
            "bob", new String[] {"staff"},
            "carol", new String[] {"staff", "admin"},
            "dave", new String[] {"staff"},
            "erin", new String[] {"staff"},
            // known to this store only, not to any server's realm: the server must take the mechanism's caller as given
            "quinn", new String[] {"staff"});

    @Resource(lookup = "java:comp/DefaultDataSource")
    private DataSource dataSource;

    @Inject
    private Pbkdf2PasswordHash hash;

    @PostConstruct
    void seed() {
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("create table if not exists form_callers (caller_name varchar(64) primary key,"
                    + " hash varchar(512) not null)");
            ddl.execute("create table if not exists form_caller_groups (caller_name varchar(64) not null,"
                    + " group_name varchar(64) not null)");
            try (PreparedStatement caller = connection.prepareStatement(
                    "insert into form_callers (caller_name, hash) values (?, ?)");
                 PreparedStatement group = connection.prepareStatement(
                    "insert into form_caller_groups (caller_name, group_name) values (?, ?)")) {
                for (Map.Entry<String, String[]> user : USERS.entrySet()) {
                    caller.setString(1, user.getKey());
                    caller.setString(2, hash.generate(PASSWORD.toCharArray()));
                    caller.executeUpdate();
                    for (String name : user.getValue()) {
                        group.setString(1, user.getKey());
                        group.setString(2, name);
                        group.executeUpdate();
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not seed the users", e);
        }
    }
}
