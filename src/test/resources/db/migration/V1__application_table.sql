-- An application's own Flyway migration in Flyway's default location, for SchemaMigrationsTest: Tollgate must
-- neither run it nor touch the application's flyway_schema_history.
CREATE TABLE app_expense (id INTEGER NOT NULL, amount INTEGER NOT NULL, PRIMARY KEY (id));
