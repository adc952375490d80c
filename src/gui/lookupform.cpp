#include "gui/lookupform.h"

#include "gui/dialoghooks.h"
#include "gui/fielderrors.h"
#include "gui/profilelistmodel.h"

#include "core/codepipeline/servicemodel.h"
#include "core/inputcheck.h"
#include "core/profiles/clienttokenvault.h"

#include <QAction>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>

namespace jobdesk::gui {

LookupForm::LookupForm(ProfileListModel *profiles, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_profile(new QComboBox(this))
    , m_region(new QComboBox(this))
    , m_endpoint(new QLineEdit(this))
    , m_jobId(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_fetch(new QPushButton(tr("Fet&ch"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_busyBar(new QProgressBar(this))
    , m_savedTokensLabel(new QLabel(tr("Saved to&ken:"), this))
    , m_savedTokens(new QComboBox(this))
    , m_saveToken(new QPushButton(tr("Save Token…"), this))
{
    setObjectName(QStringLiteral("lookupForm"));

    m_profile->setObjectName(QStringLiteral("profileCombo"));
    m_profile->setModel(profiles);
    m_profile->setAccessibleName(tr("Profile"));
    m_profile->setToolTip(tr("Whose AWS keys sign the request"));
    m_profile->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_region->setObjectName(QStringLiteral("regionCombo"));
    m_region->setEditable(true);
    m_region->addItems(aws::EndpointResolver::knownRegions());
    m_region->setCurrentText(QStringLiteral("us-east-1"));
    m_region->setAccessibleName(tr("Region"));
    m_region->setInsertPolicy(QComboBox::NoInsert);

    m_endpoint->setObjectName(QStringLiteral("endpointEdit"));
    m_endpoint->setPlaceholderText(tr("Public AWS endpoint"));
    m_endpoint->setAccessibleName(tr("Endpoint override"));
    m_endpoint->setToolTip(tr("Send this lookup to another endpoint, e.g. a VPC endpoint or a test server"));
    m_endpoint->setClearButtonEnabled(true);

    m_jobId->setObjectName(QStringLiteral("jobIdEdit"));
    m_jobId->setPlaceholderText(tr("Job ID from the ticket"));
    m_jobId->setAccessibleName(tr("Job ID"));
    m_jobId->setClearButtonEnabled(true);
    m_jobId->setMinimumWidth(280);

    m_token->setObjectName(QStringLiteral("clientTokenEdit"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("Client token"));
    m_token->setAccessibleName(tr("Client token"));
    m_token->setMinimumWidth(220);
    m_reveal = m_token->addAction(QIcon(QStringLiteral(":/icons/reveal.svg")), QLineEdit::TrailingPosition);
    m_reveal->setObjectName(QStringLiteral("revealTokenAction"));
    m_reveal->setCheckable(true);
    m_reveal->setText(tr("Show the client token"));
    m_reveal->setToolTip(tr("Show or hide the client token"));
    connect(m_reveal, &QAction::toggled, this, [this](bool shown) {
        m_token->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_reveal->setIcon(QIcon(shown ? QStringLiteral(":/icons/conceal.svg") : QStringLiteral(":/icons/reveal.svg")));
    });

    m_fetch->setObjectName(QStringLiteral("fetchButton"));
    m_fetch->setIcon(QIcon(QStringLiteral(":/icons/fetch.svg")));
    m_fetch->setDefault(true);
    m_fetch->setToolTip(tr("Fetch the job (Ctrl+Return)"));
    m_fetch->setAccessibleName(tr("Fetch"));
    connect(m_fetch, &QPushButton::clicked, this, &LookupForm::fetchRequested);

    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(tr("Cancel the request (Esc)"));
    m_cancel->setAccessibleName(tr("Cancel"));
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, &LookupForm::cancelRequested);

    m_busyBar->setObjectName(QStringLiteral("busyIndicator"));
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumWidth(120);
    m_busyBar->setAccessibleName(tr("Request in progress"));
    m_busyBar->hide();

    for (int i = 0; i < 5; ++i) {
        m_errors[i] = FieldErrors::newLabel(this);
        m_errors[i]->setObjectName(QStringLiteral("fieldError%1").arg(i));
    }

    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(label(tr("&Profile:"), m_profile), 0, 0);
    grid->addWidget(m_profile, 0, 1);
    grid->addWidget(label(tr("&Region:"), m_region), 0, 2);
    grid->addWidget(m_region, 0, 3);
    grid->addWidget(label(tr("E&ndpoint:"), m_endpoint), 0, 4);
    grid->addWidget(m_endpoint, 0, 5, 1, 2);
    grid->addWidget(m_errors[int(Field::Profile)], 1, 1);
    grid->addWidget(m_errors[int(Field::Region)], 1, 3);
    grid->addWidget(m_errors[int(Field::Endpoint)], 1, 5, 1, 2);

    grid->addWidget(label(tr("Job &ID:"), m_jobId), 2, 0);
    grid->addWidget(m_jobId, 2, 1, 1, 3);
    grid->addWidget(label(tr("Client &token:"), m_token), 2, 4);
    grid->addWidget(m_token, 2, 5);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_fetch);
    buttons->addWidget(m_busyBar);
    buttons->addWidget(m_cancel);
    grid->addLayout(buttons, 2, 6);
    grid->addWidget(m_errors[int(Field::JobId)], 3, 1, 1, 3);
    grid->addWidget(m_errors[int(Field::ClientToken)], 3, 5, 1, 2);
    m_savedTokensLabel->setBuddy(m_savedTokens);
    m_savedTokens->setObjectName(QStringLiteral("savedTokenCombo"));
    m_savedTokens->setAccessibleName(tr("Saved client token"));
    m_savedTokens->setToolTip(tr("Use a client token saved in the system keychain instead of pasting one"));
    m_saveToken->setObjectName(QStringLiteral("saveTokenButton"));
    m_saveToken->setAccessibleName(tr("Save client token"));
    m_saveToken->setToolTip(tr("Save the client token in the system keychain under a label"));
    for (QWidget *w : std::initializer_list<QWidget *>{m_savedTokensLabel, m_savedTokens, m_saveToken})
        w->hide();
    grid->addWidget(m_savedTokensLabel, 4, 4);
    grid->addWidget(m_savedTokens, 4, 5);
    grid->addWidget(m_saveToken, 4, 6);
    connect(m_savedTokens, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            pickSavedToken(m_savedTokens->itemText(index));
    });
    connect(m_saveToken, &QPushButton::clicked, this, &LookupForm::saveToken);
    // A typed or pasted token is no longer the saved one.
    connect(m_token, &QLineEdit::textEdited, m_savedTokens, [this] { m_savedTokens->setCurrentIndex(0); });

    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(5, 1);

    setTabOrder(m_profile, m_region);
    setTabOrder(m_region, m_endpoint);
    setTabOrder(m_endpoint, m_jobId);
    setTabOrder(m_jobId, m_token);
    setTabOrder(m_token, m_fetch);
    setTabOrder(m_fetch, m_cancel);
    setTabOrder(m_cancel, m_savedTokens);
    setTabOrder(m_savedTokens, m_saveToken);

    connect(m_profile, &QComboBox::currentIndexChanged, this, &LookupForm::onProfileChanged);
    for (QLineEdit *edit : {m_jobId, m_token, m_endpoint}) {
        connect(edit, &QLineEdit::textEdited, this, [this, edit] {
            for (Field f : {Field::JobId, Field::ClientToken, Field::Endpoint}) {
                if (fieldWidget(f) == edit)
                    showFieldError(f, {});
            }
        });
    }
    onProfileChanged(m_profile->currentIndex());
}

void LookupForm::onProfileChanged(int row)
{
    showFieldError(Field::Profile, {});
    const ProfileEntry e = m_profiles->entry(row);
    if (!e.region.isEmpty())
        setRegion(e.region);
    if (!e.endpointOverride.isEmpty() || m_endpoint->property("fromProfile").toBool()) {
        m_endpoint->setText(e.endpointOverride);
        m_endpoint->setProperty("fromProfile", !e.endpointOverride.isEmpty());
    }
}

LookupForm::Request LookupForm::request() const
{
    Request r;
    r.profileRow = m_profile->currentIndex();
    r.profile = m_profile->currentText();
    r.region = m_region->currentText().trimmed();
    r.endpointOverride = m_endpoint->text().trimmed();
    r.jobId = m_jobId->text();
    r.clientToken = Secret(m_token->text());
    return r;
}

void LookupForm::setJobId(const QString &jobId)
{
    m_jobId->setText(jobId);
}

void LookupForm::setClientToken(const Secret &token)
{
    m_token->setText(token.revealText());
}

void LookupForm::setRegion(const QString &region)
{
    const int i = m_region->findText(region);
    if (i >= 0)
        m_region->setCurrentIndex(i);
    else
        m_region->setCurrentText(region);
}

void LookupForm::setEndpointOverride(const QString &url)
{
    m_endpoint->setText(url);
    m_endpoint->setProperty("fromProfile", false);
}

bool LookupForm::selectProfile(const QString &name)
{
    const int row = m_profiles->rowOf(name);
    if (row < 0)
        return false;
    m_profile->setCurrentIndex(row);
    return true;
}

void LookupForm::setBusy(bool busy)
{
    m_busy = busy;
    m_fetch->setEnabled(!busy);
    m_busyBar->setVisible(busy);
    m_cancel->setVisible(busy);
    for (QWidget *w : std::initializer_list<QWidget *>{m_profile, m_region, m_endpoint, m_jobId, m_token})
        w->setEnabled(!busy);
    if (busy)
        m_cancel->setFocus();
}

QLabel *LookupForm::errorLabel(Field field) const
{
    return m_errors[int(field)];
}

QWidget *LookupForm::fieldWidget(Field field) const
{
    switch (field) {
    case Field::Profile: return m_profile;
    case Field::Region: return m_region;
    case Field::Endpoint: return m_endpoint;
    case Field::JobId: return m_jobId;
    case Field::ClientToken: return m_token;
    }
    return nullptr;
}

void LookupForm::showFieldError(Field field, const QString &message)
{
    FieldErrors::show(errorLabel(field), fieldWidget(field), message);
}

void LookupForm::clearFieldErrors()
{
    for (Field f : {Field::Profile, Field::Region, Field::Endpoint, Field::JobId, Field::ClientToken})
        showFieldError(f, {});
}

QString LookupForm::fieldError(Field field) const
{
    return errorLabel(field)->text();
}

std::optional<LookupForm::Field> LookupForm::fieldForPath(const QString &path)
{
    if (path == QLatin1String("jobId"))
        return Field::JobId;
    if (path == QLatin1String("clientToken"))
        return Field::ClientToken;
    return std::nullopt;
}

std::optional<LookupForm::CheckedRequest> LookupForm::validatedRequest()
{
    return checkedFields(true);
}

std::optional<LookupForm::CheckedRequest> LookupForm::validatedTarget()
{
    return checkedFields(false);
}

std::optional<LookupForm::CheckedRequest> LookupForm::checkedFields(bool withJob)
{
    clearFieldErrors();
    CheckedRequest checked{request(), {}};
    const Request &r = checked.request;

    // Everything the model can check is checked here, at the field, before a byte is sent: the same
    // rules as jobdesk-cli's (InputCheck), in words that name the fields as the form labels them.
    bool invalid = false;
    QWidget *firstBad = nullptr;
    const codepipeline::Operation &operation =
        *codepipeline::ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    const auto check = [&](Field field, const char *member, const QString &label, const QString &value) {
        const codepipeline::Member *m = operation.input->findMember(member);
        Q_ASSERT(m);
        if (Status s = InputCheck::modelText(label, m->shape, value, {}); !s) {
            showFieldError(field, s.error().message);
            firstBad = firstBad ? firstBad : fieldWidget(field);
            invalid = true;
        }
    };
    if (withJob) {
        check(Field::JobId, "jobId", tr("The job ID"), r.jobId);
        check(Field::ClientToken, "clientToken", tr("The client token"), r.clientToken.revealText());
    }
    if (r.profileRow < 0) {
        showFieldError(Field::Profile, tr("Choose a profile."));
        invalid = true;
    }
    // Region and endpoint are trimmed by request(); the rest of what is wrong with them is said at the field.
    if (Status region = InputCheck::region(tr("The region"), r.region); !region) {
        showFieldError(Field::Region, region.error().message);
        firstBad = firstBad ? firstBad : m_region;
        invalid = true;
    }
    if (!r.endpointOverride.isEmpty()) {
        if (auto url = InputCheck::endpointUrl(tr("The endpoint"), r.endpointOverride); !url) {
            showFieldError(Field::Endpoint, url.error().message);
            firstBad = firstBad ? firstBad : m_endpoint;
            invalid = true;
        }
    }
    auto endpoint = aws::EndpointResolver::resolve(r.region, false, r.endpointOverride);
    if (!endpoint && fieldError(Field::Region).isEmpty() && fieldError(Field::Endpoint).isEmpty()) {
        const Error &e = endpoint.error();
        const bool aboutUrl = !r.endpointOverride.isEmpty() && e.field != QLatin1String("region");
        showFieldError(aboutUrl ? Field::Endpoint : Field::Region, e.message);
        if (!firstBad)
            firstBad = aboutUrl ? static_cast<QWidget *>(m_endpoint) : m_region;
        invalid = true;
    }
    if (invalid) {
        if (firstBad)
            firstBad->setFocus();
        return std::nullopt;
    }
    checked.endpoint = endpoint.value();
    return checked;
}

}  // namespace jobdesk::gui

namespace jobdesk::gui {

void LookupForm::setTokenVault(profiles::ClientTokenVault *vault, const DialogHooks *hooks)
{
    m_vault = vault;
    m_hooks = hooks;
    if (!vault)
        return;
    connect(vault, &profiles::ClientTokenVault::labelsChanged, this, &LookupForm::reloadTokenLabels);
    for (QWidget *w : std::initializer_list<QWidget *>{m_savedTokensLabel, m_savedTokens, m_saveToken})
        w->show();
    reloadTokenLabels();
}

void LookupForm::reloadTokenLabels()
{
    const QString current = m_savedTokens->currentIndex() > 0 ? m_savedTokens->currentText() : QString();
    m_savedTokens->clear();
    m_savedTokens->addItem(tr("(type or paste)"));
    if (m_vault)
        m_savedTokens->addItems(m_vault->labels());
    const int row = current.isEmpty() ? 0 : m_savedTokens->findText(current);
    m_savedTokens->setCurrentIndex(row < 0 ? 0 : row);
}

void LookupForm::pickSavedToken(const QString &label)
{
    if (!m_vault)
        return;
    m_savedTokens->setCurrentIndex(std::max(0, m_savedTokens->findText(label)));
    m_vault->loadToken(label, this, [this, label](Result<Secret> token) {
        if (!token) {
            showFieldError(Field::ClientToken, token.error().message + QLatin1Char(' ') + token.error().hint);
            Q_EMIT tokenVaultFinished(false, token.error().message);
            return;
        }
        setClientToken(token.value());
        m_errors[int(Field::ClientToken)]->hide();
        Q_EMIT tokenVaultFinished(true, tr("Using the client token saved as “%1”.").arg(label));
    });
}

void LookupForm::saveToken()
{
    if (!m_vault)
        return;
    if (m_token->text().isEmpty()) {
        showFieldError(Field::ClientToken, tr("Enter the client token to save first."));
        Q_EMIT tokenVaultFinished(false, {});
        return;
    }
    const QString suggested = m_savedTokens->currentIndex() > 0 ? m_savedTokens->currentText() : QString();
    QString label;
    if (m_hooks && m_hooks->tokenLabel) {
        label = m_hooks->tokenLabel(suggested);
    } else {
        label = QInputDialog::getText(this, tr("Save Client Token"),
                                      tr("Label (e.g. the customer or clientId) for the token in the system keychain:"),
                                      QLineEdit::Normal, suggested);
    }
    label = label.trimmed();
    if (label.isEmpty()) {
        Q_EMIT tokenVaultFinished(false, {});
        return;
    }
    if (Status valid = profiles::ClientTokenVault::validateLabel(label); !valid) {
        showFieldError(Field::ClientToken, valid.error().message);
        Q_EMIT tokenVaultFinished(false, valid.error().message);
        return;
    }
    m_vault->saveToken(label, Secret(m_token->text()), this, [this, label](Status saved) {
        if (!saved) {
            showFieldError(Field::ClientToken, saved.error().message + QLatin1Char(' ') + saved.error().hint);
            Q_EMIT tokenVaultFinished(false, saved.error().message);
            return;
        }
        reloadTokenLabels();
        m_savedTokens->setCurrentIndex(std::max(0, m_savedTokens->findText(label)));
        Q_EMIT tokenVaultFinished(true, tr("Saved the client token as “%1”.").arg(label));
    });
}

}  // namespace jobdesk::gui
