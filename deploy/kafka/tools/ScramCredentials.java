import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * Sets SCRAM-SHA-512 passwords on a running cluster (new principals, rotation), as the broker's own clients do.
 * Usage: java -cp 'libs/*' ScramCredentials.java <bootstrap> <admin client properties>
 * Reads "<user> <password>" lines from standard input, so no password appears in a process list.
 */
public final class ScramCredentials {
  private static final int ITERATIONS = 4096;

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ScramCredentials <bootstrap servers> <admin client properties>");
      System.exit(2);
    }
    Properties config = new Properties();
    try (FileInputStream in = new FileInputStream(args[1])) {
      config.load(in);
    }
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    List<UserScramCredentialAlteration> alterations = new ArrayList<>();
    BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      String[] fields = line.trim().split(" ", 2);
      if (fields.length == 2) {
        ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS);
        alterations.add(new UserScramCredentialUpsertion(fields[0], info, fields[1]));
      }
    }
    try (Admin admin = Admin.create(config)) {
      admin.alterUserScramCredentials(alterations).all().get(60, TimeUnit.SECONDS);
    }
    System.out.println("updated SCRAM credentials of " + alterations.size() + " principal(s)");
  }
}
