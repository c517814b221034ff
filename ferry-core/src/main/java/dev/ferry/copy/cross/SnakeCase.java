package dev.ferry.copy.cross;

import java.util.Locale;

/**
 * Names as PostgreSQL schemas usually spell them: {@code InvoiceLine} → {@code invoice_line},
 * {@code InvoiceLineId} → {@code invoice_line_id}, {@code HTTPStatus} → {@code http_status}.
 */
public final class SnakeCase {
    private SnakeCase() {
    }

    public static String of(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c == '-') {
                c = '_';
            }
            if (Character.isUpperCase(c) && i > 0) {
                char before = name.charAt(i - 1);
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                // a word starts at an upper case letter after a lower case one or a digit, or at the last capital of an acronym
                if (Character.isLowerCase(before) || Character.isDigit(before) || (Character.isUpperCase(before) && nextLower)) {
                    if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                        out.append('_');
                    }
                }
            }
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
