#include "gui/uploaddialog.h"

#include "gui/artifactsmodel.h"
#include "gui/dialoghooks.h"
#include "gui/theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace jobdesk::gui {

UploadDialog::UploadDialog(const QList<s3::JobArtifact> &outputs, const QString &selected, const QString &kmsKeyId,
                           const DialogHooks *hooks, QWidget *parent)
    : QDialog(parent)
    , m_outputs(outputs)
    , m_kmsKeyId(kmsKeyId)
    , m_hooks(hooks)
    , m_source(new QLineEdit(this))
    , m_file(new QPushButton(tr("File…"), this))
    , m_folder(new QPushButton(tr("Folder…"), this))
    , m_output(new QComboBox(this))
    , m_kms(new QLabel(this))
    , m_error(new QLabel(this))
    , m_ok(nullptr)
{
    setObjectName(QStringLiteral("uploadDialog"));
    setWindowTitle(tr("Upload Output Artifact"));

    m_source->setObjectName(QStringLiteral("uploadSource"));
    m_source->setPlaceholderText(tr("A zip file, or a folder to zip"));
    m_source->setAccessibleName(tr("File or folder to upload"));
    m_file->setObjectName(QStringLiteral("chooseFile"));
    m_folder->setObjectName(QStringLiteral("chooseFolder"));
    connect(m_file, &QPushButton::clicked, this, [this] {
        const QString file = m_hooks && m_hooks->openFileName
            ? m_hooks->openFileName()
            : QFileDialog::getOpenFileName(this, tr("File to Upload"), m_source->text(),
                                           tr("Zip files (*.zip);;All files (*)"));
        if (!file.isEmpty())
            setSource(file);
    });
    connect(m_folder, &QPushButton::clicked, this, [this] {
        const QString start = m_source->text().isEmpty()
            ? QStandardPaths::writableLocation(QStandardPaths::HomeLocation)
            : m_source->text();
        const QString folder = m_hooks && m_hooks->folderName
            ? m_hooks->folderName(start)
            : QFileDialog::getExistingDirectory(this, tr("Folder to Zip and Upload"), start);
        if (!folder.isEmpty())
            setSource(folder);
    });

    m_output->setObjectName(QStringLiteral("uploadOutput"));
    m_output->setAccessibleName(tr("Output artifact"));
    for (const s3::JobArtifact &a : m_outputs)
        m_output->addItem(tr("%1 (%2)").arg(a.name, ArtifactsModel::s3Uri(a.location.bucket, a.location.key)));
    selectOutput(selected);

    m_kms->setObjectName(QStringLiteral("uploadKmsKey"));
    m_kms->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_kms->setWordWrap(true);
    m_kms->setText(m_kmsKeyId.isEmpty() ? tr("Bucket default (the job names no KMS key)")
                                        : tr("%1 (the job's key, SSE-KMS)").arg(m_kmsKeyId));

    m_error->setObjectName(QStringLiteral("uploadError"));
    m_error->setWordWrap(true);
    m_error->hide();
    QPalette p = m_error->palette();
    p.setColor(QPalette::WindowText, Theme::errorText(p));
    m_error->setPalette(p);

    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_source, 1);
    sourceRow->addWidget(m_file);
    sourceRow->addWidget(m_folder);
    auto *form = new QFormLayout;
    auto *sourceLabel = new QLabel(tr("&Source:"), this);
    sourceLabel->setBuddy(m_source);
    form->addRow(sourceLabel, sourceRow);
    form->addRow(QString(), m_error);
    auto *outputLabel = new QLabel(tr("&Output artifact:"), this);
    outputLabel->setBuddy(m_output);
    form->addRow(outputLabel, m_output);
    form->addRow(tr("KMS key:"), m_kms);

    auto *note = new QLabel(tr("A folder is zipped first, its files under their relative paths. The pipeline's next "
                               "actions read the artifact as it is uploaded here."),
                            this);
    note->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Continue…"));
    m_ok->setObjectName(QStringLiteral("uploadContinue"));
    connect(buttons, &QDialogButtonBox::accepted, this, &UploadDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    setMinimumWidth(560);
}

QString UploadDialog::source() const
{
    return m_source->text().trimmed();
}

void UploadDialog::setSource(const QString &path)
{
    m_source->setText(QDir::toNativeSeparators(path));
    m_error->hide();
}

s3::JobArtifact UploadDialog::output() const
{
    const int index = m_output->currentIndex();
    return index >= 0 && index < m_outputs.size() ? m_outputs.at(index) : s3::JobArtifact();
}

bool UploadDialog::selectOutput(const QString &name)
{
    for (int i = 0; i < m_outputs.size(); ++i) {
        if (m_outputs.at(i).name == name) {
            m_output->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

QString UploadDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool UploadDialog::validate()
{
    QString problem;
    const QString path = QDir::fromNativeSeparators(source());
    const QFileInfo info(path);
    if (path.isEmpty())
        problem = tr("Choose a zip file or a folder to upload.");
    else if (!info.exists())
        problem = tr("\"%1\" does not exist.").arg(source());
    else if (!info.isFile() && !info.isDir())
        problem = tr("\"%1\" is neither a file nor a folder.").arg(source());
    else if (!info.isReadable())
        problem = tr("\"%1\" cannot be read.").arg(source());
    else if (m_outputs.isEmpty())
        problem = tr("The job has no output artifact in S3 to upload to.");
    m_error->setText(problem);
    m_error->setVisible(!problem.isEmpty());
    return problem.isEmpty();
}

void UploadDialog::accept()
{
    if (validate())
        QDialog::accept();
}

}  // namespace jobdesk::gui
