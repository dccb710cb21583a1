// The one translation unit that compiles Beast's and Asio's out-of-line code
// (BOOST_BEAST_SEPARATE_COMPILATION and BOOST_ASIO_SEPARATE_COMPILATION are set on
// commesso_http), so the other files only declare it.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
