#pragma once

// The SHA-256 or MD5 of an artifact's bytes as they stream through a transfer. OpenSSL's
// libcrypto computes it: Qt 6.4's own SHA-256 manages about 50 MB/s, slower than a download
// from a nearby endpoint, while libcrypto's uses the processor's SHA and vector instructions.

#include <QByteArray>
#include <QByteArrayView>

using EVP_MD_CTX = struct evp_md_ctx_st;

namespace jobdesk::s3 {

class ObjectDigest
{
public:
    enum class Algorithm { Sha256, Md5 };

    explicit ObjectDigest(Algorithm algorithm);
    ~ObjectDigest();
    ObjectDigest(const ObjectDigest &) = delete;
    ObjectDigest &operator=(const ObjectDigest &) = delete;

    void addData(QByteArrayView data);
    // The digest of everything added since the start or the last reset(), as raw bytes;
    // more data may still be added afterwards.
    QByteArray result() const;
    void reset();

    static QByteArray hash(QByteArrayView data, Algorithm algorithm);

private:
    Algorithm m_algorithm;
    EVP_MD_CTX *m_context;
};

}  // namespace jobdesk::s3
