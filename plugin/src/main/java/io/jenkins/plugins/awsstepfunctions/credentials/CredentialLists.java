package io.jenkins.plugins.awsstepfunctions.credentials;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.Collections;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * Credential drop-downs, as the credentials plugin recommends: someone who may not configure the item (or, globally,
 * administer Jenkins) gets nothing back but the value already selected.
 */
public final class CredentialLists {

    private CredentialLists() {}

    /** AWS credentials (aws-credentials plugin) visible in the item's context, or globally when {@code item} is null. */
    public static ListBoxModel awsCredentials(Item item, String current) {
        return list(item, current, AmazonWebServicesCredentials.class);
    }

    /** Secret file credentials, for CA bundles. */
    public static ListBoxModel fileCredentials(Item item, String current) {
        return list(item, current, FileCredentials.class);
    }

    /** Username with password credentials, for a proxy's login. */
    public static ListBoxModel usernamePasswordCredentials(Item item, String current) {
        return list(item, current, StandardUsernamePasswordCredentials.class);
    }

    /** Secret text credentials, for task tokens. */
    public static ListBoxModel stringCredentials(Item item, String current) {
        return list(item, current, StringCredentials.class);
    }

    private static ListBoxModel list(
            Item item,
            String current,
            Class<? extends com.cloudbees.plugins.credentials.common.StandardCredentials> type) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayList(item)) {
            return result.includeCurrentValue(current == null ? "" : current);
        }
        Authentication authentication =
                item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        if (item == null) {
            return result.includeEmptyValue()
                    .includeMatchingAs(
                            authentication, Jenkins.get(), type, Collections.emptyList(), CredentialsMatchers.always())
                    .includeCurrentValue(current == null ? "" : current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(authentication, item, type, Collections.emptyList(), CredentialsMatchers.always())
                .includeCurrentValue(current == null ? "" : current);
    }

    private static boolean mayList(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }
}
