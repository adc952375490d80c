#include "core/s3/objectdigest.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace jobdesk::s3 {

namespace {

const EVP_MD *digestOf(ObjectDigest::Algorithm algorithm)
{
    return algorithm == ObjectDigest::Algorithm::Sha256 ? EVP_sha256() : EVP_md5();
}

// libcrypto fails these calls only when it cannot allocate; like an allocation failure
// elsewhere, that ends the program rather than yield a wrong digest.
void require(int ok)
{
    if (ok != 1)
        std::abort();
}

}  // namespace

ObjectDigest::ObjectDigest(Algorithm algorithm) : m_algorithm(algorithm), m_context(EVP_MD_CTX_new())
{
    if (!m_context)
        std::abort();
    reset();
}

ObjectDigest::~ObjectDigest()
{
    EVP_MD_CTX_free(m_context);
}

void ObjectDigest::reset()
{
    require(EVP_DigestInit_ex(m_context, digestOf(m_algorithm), nullptr));
}

void ObjectDigest::addData(QByteArrayView data)
{
    if (!data.isEmpty())
        require(EVP_DigestUpdate(m_context, data.data(), size_t(data.size())));
}

QByteArray ObjectDigest::result() const
{
    // Finish a copy, so that the running digest can go on.
    EVP_MD_CTX *copy = EVP_MD_CTX_new();
    if (!copy)
        std::abort();
    require(EVP_MD_CTX_copy_ex(copy, m_context));
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    require(EVP_DigestFinal_ex(copy, reinterpret_cast<unsigned char *>(out.data()), &length));
    EVP_MD_CTX_free(copy);
    out.resize(length);
    return out;
}

QByteArray ObjectDigest::hash(QByteArrayView data, Algorithm algorithm)
{
    ObjectDigest digest(algorithm);
    digest.addData(data);
    return digest.result();
}

}  // namespace jobdesk::s3
