package io.jenkins.plugins.awsstepfunctions.files;

/**
 * What can be told of a workspace-relative path from its text alone: whether it is absolute, and whether it climbs
 * out of the directory it is relative to. Where the directory exists, symbolic links are the file system's to resolve;
 * where it does not, the text is all there is, and it is exact (a missing directory holds no link).
 */
public final class WorkspacePaths {

    private WorkspacePaths() {}

    /** Unix or Windows absolute, or a UNC path: a workspace cannot contain it. */
    public static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*");
    }

    /** Whether its {@code ..} segments, taken in order, ever lead above the directory it starts from. */
    public static boolean climbsOut(String path) {
        int depth = 0;
        for (String segment : path.split("[/\\\\]")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            depth += segment.equals("..") ? -1 : 1;
            if (depth < 0) {
                return true;
            }
        }
        return false;
    }
}
