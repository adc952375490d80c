#pragma once

// Asks what to upload as one of the job's output artifacts: a zip file or a folder
// (zipped before it goes), which output it becomes, and the KMS key it will carry.
// It checks its own input; the window confirms and runs the upload.

#include "core/s3/jobartifacts.h"

#include <QDialog>
#include <QList>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace jobdesk::gui {

struct DialogHooks;

class UploadDialog : public QDialog
{
    Q_OBJECT

public:
    // outputs are the job's output artifacts in S3; selected names the one to start with.
    // kmsKeyId is the job's encryption key (empty: the bucket's default encryption).
    UploadDialog(const QList<s3::JobArtifact> &outputs, const QString &selected, const QString &kmsKeyId,
                 const DialogHooks *hooks, QWidget *parent = nullptr);

    QString source() const;
    void setSource(const QString &path);
    s3::JobArtifact output() const;
    bool selectOutput(const QString &name);
    QString kmsKeyId() const { return m_kmsKeyId; }

    QLineEdit *sourceEdit() const { return m_source; }
    QComboBox *outputCombo() const { return m_output; }
    QLabel *kmsLabel() const { return m_kms; }
    QPushButton *fileButton() const { return m_file; }
    QPushButton *folderButton() const { return m_folder; }
    QString errorText() const;

    // Whether the source exists and is a file or a folder; the problem is shown otherwise.
    bool validate();
    void accept() override;

private:
    QList<s3::JobArtifact> m_outputs;
    QString m_kmsKeyId;
    const DialogHooks *m_hooks;
    QLineEdit *m_source;
    QPushButton *m_file;
    QPushButton *m_folder;
    QComboBox *m_output;
    QLabel *m_kms;
    QLabel *m_error;
    QPushButton *m_ok;
};

}  // namespace jobdesk::gui
