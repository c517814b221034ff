package dev.ferry.spi;

import java.util.List;

/**
 * A command-line client Ferry may run against a database.
 *
 * @param purpose              what Ferry uses it for, e.g. "dump"
 * @param commands             the command names to look for on PATH, preferred first
 * @param mustReachServerMajor the tool's major version must be at least the server's (pg_dump refuses newer servers)
 */
public record ClientTool(String purpose, List<String> commands, boolean mustReachServerMajor) {
}
