#pragma once

// Adds, edits or imports one JobDesk profile: name, region, endpoint and where its keys
// come from. Keys are typed into password fields and never read back from the keychain,
// so an edited keychain profile keeps its stored keys unless new ones are entered.

#include "core/aws/credentials.h"
#include "core/profiles/profile.h"
#include "gui/fielderrors.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace jobdesk::gui {

class ProfileEditDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Add, Edit, Import };

    // sharedProfiles: the AWS shared-config profile names that can be linked.
    ProfileEditDialog(Mode mode, const profiles::Profile &profile, const QStringList &sharedProfiles,
                      QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    profiles::Profile profile() const;
    QString originalName() const { return m_original; }
    // New keys for a keychain profile; std::nullopt keeps the stored ones.
    std::optional<aws::Credentials> credentials() const;
    // Import only: copy the AWS profile's static keys into the keychain instead of linking it.
    bool copyKeys() const;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *regionEdit() const { return m_region; }
    QLineEdit *endpointEdit() const { return m_endpoint; }
    QComboBox *sourceCombo() const { return m_source; }
    QComboBox *sharedProfileCombo() const { return m_shared; }
    QLineEdit *accessKeyIdEdit() const { return m_accessKeyId; }
    QLineEdit *secretKeyEdit() const { return m_secretKey; }
    QLineEdit *sessionTokenEdit() const { return m_sessionToken; }
    QCheckBox *copyKeysBox() const { return m_copyKeys; }
    QString errorText() const;                 // every message shown, one per line
    QString fieldError(QWidget *field) const;  // the message under one field

    // Checks the fields; on a problem shows it in the dialog and returns false.
    bool validate();

    void accept() override;

private:
    void updateFields();
    void checkKeys();  // the keychain key fields, when the profile keeps its keys there

    Mode m_mode;
    QString m_original;
    QLineEdit *m_name;
    QLineEdit *m_region;
    QLineEdit *m_endpoint;
    QComboBox *m_source;
    QComboBox *m_shared;
    QLineEdit *m_accessKeyId;
    QLineEdit *m_secretKey;
    QLineEdit *m_sessionToken;
    QCheckBox *m_copyKeys;
    QLabel *m_keysNote;
    QLabel *m_error;
    FieldErrors m_fieldErrors;
    QDialogButtonBox *m_buttons;
};

}  // namespace jobdesk::gui
