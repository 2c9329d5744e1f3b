package dev.skyport.registry.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** An Azure Blob Storage container. {@code realm} is the storage endpoint's domain. */
public record AzureStorage(String accountName, String accountKey, String container, String realm)
        implements RegistryStorage {

    public static final String PUBLIC_CLOUD_REALM = "core.windows.net";

    public AzureStorage {
        accountName = Settings.required(accountName, "the Azure storage account name", "skyportregistry");
        accountKey = Settings.required(accountKey, "the Azure storage account key", "the key from the portal");
        container = Settings.required(container, "the Azure blob container", "registry");
        realm = Settings.present(realm) ? realm.strip() : PUBLIC_CLOUD_REALM;
    }

    @Override
    public String driver() {
        return "azure";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("accountname", accountName);
        p.put("accountkey", accountKey);
        p.put("container", container);
        p.put("realm", realm);
        return p;
    }

    @Override
    public String toString() {
        return "AzureStorage[accountName=" + accountName + ", accountKey=***, container=" + container
                + ", realm=" + realm + "]";
    }
}
