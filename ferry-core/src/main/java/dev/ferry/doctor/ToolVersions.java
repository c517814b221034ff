package dev.ferry.doctor;

import java.util.List;

/**
 * Every installed version of a client tool, PATH first. Doctor asks the same question the backup
 * does ({@code dev.ferry.backup.ClientTools#versions}), so a pg_dump that backup would pick from
 * {@code /usr/lib/postgresql/NN/bin} counts here too; tests answer with fake installations.
 */
@FunctionalInterface
public interface ToolVersions {
    List<ToolProbe.Found> of(String command);
}
