#include "gui/activitylogdialog.h"

#include "gui/activitymodel.h"
#include "gui/clipboard.h"
#include "gui/profilelistmodel.h"

#include "core/output/activityfile.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace jobdesk::gui {

ActivityLogDialog::ActivityLogDialog(ProfileListModel *profiles, const output::ActivityFile *file, QWidget *parent)
    : QDialog(parent)
    , m_file(file)
    , m_profile(new QComboBox(this))
    , m_model(new ActivityModel(this))
    , m_view(new QTableView(this))
    , m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("activityLogDialog"));
    setWindowTitle(tr("Activity Log"));
    m_profile->setObjectName(QStringLiteral("activityProfile"));
    m_profile->setModel(profiles);
    auto *profileLabel = new QLabel(tr("&Profile:"), this);
    profileLabel->setBuddy(m_profile);
    connect(m_profile, &QComboBox::currentIndexChanged, this, &ActivityLogDialog::reload);

    m_view->setObjectName(QStringLiteral("activityLogView"));
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Actions sent with this profile"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setTabKeyNavigation(false);

    m_note->setObjectName(QStringLiteral("activityLogNote"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy All"), QDialogButtonBox::ActionRole);
    QPushButton *refresh = buttons->addButton(tr("&Reload"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this] { Clipboard::copyText(m_model->summaryText()); });
    connect(refresh, &QPushButton::clicked, this, &ActivityLogDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *top = new QHBoxLayout;
    top->addWidget(profileLabel);
    top->addWidget(m_profile, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_note);
    layout->addWidget(buttons);
    resize(900, 420);
}

void ActivityLogDialog::showProfile(const QString &profile)
{
    const int row = m_profile->findText(profile);
    if (row >= 0 && row != m_profile->currentIndex())
        m_profile->setCurrentIndex(row);  // reloads
    else
        reload();
}

void ActivityLogDialog::reload()
{
    const QString profile = m_profile->currentText();
    const QString path = QDir::toNativeSeparators(m_file->pathFor(profile));
    auto contents = m_file->read(profile);
    if (!contents) {
        m_model->setEntries({});
        m_note->setText(contents.error().message);
        return;
    }
    m_model->setEntries(contents.value().entries);
    QString note = m_model->rowCount() == 0 ? tr("No action has been sent with this profile yet.")
                                            : tr("Actions: %1, oldest first.").arg(m_model->rowCount());
    if (contents.value().unreadableLines > 0)
        note += QLatin1Char(' ')
            + tr("Lines of the log that could not be read, left out: %1.").arg(contents.value().unreadableLines);
    note += QLatin1Char(' ') + tr("Kept in %1, readable by you alone.").arg(path);
    m_note->setText(note);
    if (m_model->rowCount() > 0)
        m_view->scrollToBottom();
}

QString ActivityLogDialog::noteText() const
{
    return m_note->text();
}

}  // namespace jobdesk::gui
