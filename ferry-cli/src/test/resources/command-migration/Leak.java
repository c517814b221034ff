import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

/**
 * A careless .cmd migration for SecretCanaryIT: it prints the password it was given on stderr, in a
 * note, in a record's reason and in a line that is not the protocol. Ferry must show none of it.
 * Its argument says how it ends: ok (exit 0, after it connected with FERRY_JDBC_URL as the user that
 * needs the password, and found that password in FERRY_DATABASE_URL too), fail (exit 3), chatter (a
 * line that is not the protocol).
 */
public class Leak {
    public static void main(String[] args) throws Exception {
        String password = System.getenv("FERRY_DATABASE_PASSWORD");
        System.err.println("connecting to " + System.getenv("FERRY_DATABASE_URL") + " as " + System.getenv("FERRY_DATABASE_USER") + " with " + password);
        switch (args[0]) {
            case "ok" -> {
                String userInfo = URLDecoder.decode(URI.create(System.getenv("FERRY_DATABASE_URL")).getRawUserInfo(), StandardCharsets.UTF_8);
                if (!userInfo.equals(System.getenv("FERRY_DATABASE_USER") + ":" + password)) {
                    System.err.println("FERRY_DATABASE_URL does not hold the user and password");
                    System.exit(4);
                }
                try (Connection c = DriverManager.getConnection(System.getenv("FERRY_JDBC_URL"));
                     ResultSet r = c.createStatement().executeQuery("SELECT current_user")) {
                    r.next();
                    System.out.println("{\"note\":\"connected as " + r.getString(1) + "\"}");
                }
                System.out.println("{\"note\":\"using " + System.getenv("FERRY_JDBC_URL") + " and " + System.getenv("DATABASE_URL") + "\"}");
                System.out.println("{\"record\":{\"key\":1,\"outcome\":\"error\",\"reason\":\"refused " + password + "\"}}");
                System.out.println("{\"record\":{\"key\":2,\"outcome\":\"migrated\"}}");
                System.out.println("{\"checkpoint\":{\"key\":\"2\",\"processed\":2}}");
            }
            case "fail" -> {
                System.err.println("the password " + password + " was refused");
                System.exit(3);
            }
            default -> System.out.println("Connected with " + password + " to " + System.getenv("FERRY_DATABASE_URL"));
        }
    }
}
