#include "core/aws/httpresponse.h"

namespace jobdesk::aws {

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

}  // namespace jobdesk::aws
