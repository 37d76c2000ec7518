package io.routedesk.secrets;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.KeyringStorageType;
import com.github.javakeyring.PasswordAccessException;

/**
 * The few calls RouteDesk makes on java-keyring, behind an interface so the error mapping of {@link
 * KeyringCredentialStore} can be tested without an operating-system keystore. All methods block.
 */
interface KeyringAccess {

  /** What the backend is, for the UI ("Windows Credential Manager"). */
  String backendName();

  String getPassword(String service, String account) throws PasswordAccessException;

  void setPassword(String service, String account, String password) throws PasswordAccessException;

  void deletePassword(String service, String account) throws PasswordAccessException;

  /** Releases the backend connection; never throws. */
  void close();

  /** Opens the operating system's keystore through java-keyring. Blocking; may prompt to unlock. */
  static KeyringAccess openSystemKeyring() throws BackendNotSupportedException {
    Keyring keyring = Keyring.create();
    return new KeyringAccess() {
      @Override
      public String backendName() {
        return nameOf(keyring.getKeyringStorageType());
      }

      @Override
      public String getPassword(String service, String account) throws PasswordAccessException {
        return keyring.getPassword(service, account);
      }

      @Override
      public void setPassword(String service, String account, String password)
          throws PasswordAccessException {
        keyring.setPassword(service, account, password);
      }

      @Override
      public void deletePassword(String service, String account) throws PasswordAccessException {
        keyring.deletePassword(service, account);
      }

      @Override
      public void close() {
        try {
          keyring.close();
        } catch (Exception e) {
          // Closing is best effort: the connection is dropped with the process anyway.
          KeyringCredentialStore.LOG.debug("Closing the keystore connection failed", e);
        }
      }
    };
  }

  private static String nameOf(KeyringStorageType type) {
    if (type == null) {
      return "system keystore";
    }
    return switch (type) {
      case GNOME_KEYRING -> "desktop keyring (Secret Service)";
      case KWALLET -> "KDE Wallet";
      case WINDOWS_CREDENTIAL_STORE -> "Windows Credential Manager";
      case OSX_KEYCHAIN, LEGACY_OSX_KEYCHAIN -> "macOS Keychain";
    };
  }
}
