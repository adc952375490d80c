#include "gui/profilelistmodel.h"

namespace jobdesk::gui {

ProfileListModel::ProfileListModel(QObject *parent) : QAbstractListModel(parent) {}

void ProfileListModel::addSource(ProfileSource *source)
{
    m_sources.append(source);
    connect(source, &ProfileSource::profilesChanged, this, &ProfileListModel::rebuild);
    connect(source, &QObject::destroyed, this, &ProfileListModel::rebuild);
    rebuild();
}

void ProfileListModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    m_sources.removeAll(nullptr);
    for (const QPointer<ProfileSource> &source : std::as_const(m_sources)) {
        // A source being destroyed is no longer a ProfileSource; skip it.
        if (!source || !qobject_cast<ProfileSource *>(source.data()))
            continue;
        const QList<ProfileEntry> entries = source->profiles();
        for (const ProfileEntry &e : entries)
            m_rows.append({e, source});
    }
    endResetModel();
}

int ProfileListModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).entry.name == name)
            return i;
    }
    return -1;
}

ProfileEntry ProfileListModel::entry(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).entry : ProfileEntry{};
}

void ProfileListModel::resolveCredentials(int row, QObject *context, ProfileSource::CredentialsCallback done)
{
    if (row < 0 || row >= m_rows.size() || !m_rows.at(row).source) {
        done(Error::make(Error::Kind::Credentials, QStringLiteral("NoProfile"), tr("No profile is selected."),
                         tr("Choose a profile in the lookup form.")));
        return;
    }
    m_rows.at(row).source->resolveCredentials(m_rows.at(row).entry.name, context, std::move(done));
}

std::optional<sso::SsoProfileConfig> ProfileListModel::ssoProfile(int row) const
{
    if (row < 0 || row >= m_rows.size() || !m_rows.at(row).source)
        return std::nullopt;
    return m_rows.at(row).source->ssoProfile(m_rows.at(row).entry.name);
}

int ProfileListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ProfileListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProfileEntry &e = m_rows.at(index.row()).entry;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: return e.name;
    case Qt::ToolTipRole: return e.description;
    case RegionRole: return e.region;
    case EndpointRole: return e.endpointOverride;
    default: return {};
    }
}

}  // namespace jobdesk::gui
