package dev.skyport.catalog.catalog;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * Orders versions as people read them: dot- or dash-separated parts, numbers compared as numbers
 * (3.8 &lt; 3.13, 8 &lt; 10), other parts as text, a number before text, and a shorter version first
 * when it is a prefix of a longer one (3 &lt; 3.1).
 */
public final class VersionOrder implements Comparator<String> {

    public static final VersionOrder INSTANCE = new VersionOrder();

    private VersionOrder() {
    }

    @Override
    public int compare(String a, String b) {
        String[] left = a.split("[.-]");
        String[] right = b.split("[.-]");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int order = comparePart(left[i], right[i]);
            if (order != 0) {
                return order;
            }
        }
        int byLength = Integer.compare(left.length, right.length);
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static int comparePart(String a, String b) {
        boolean aNumeric = isNumber(a);
        boolean bNumeric = isNumber(b);
        if (aNumeric && bNumeric) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isNumber(String part) {
        return !part.isEmpty() && part.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
