# find_package(pargist) support: the exported targets pargist::reduce,
# pargist::plot and pargist::view, with their public headers.
include(CMakePackageConfigHelpers)

set(PARGIST_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/pargist)
install(EXPORT pargist-targets NAMESPACE pargist:: DESTINATION ${PARGIST_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/pargist-config.cmake.in
  ${PROJECT_BINARY_DIR}/pargist-config.cmake INSTALL_DESTINATION ${PARGIST_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/pargist-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/pargist-config.cmake
              ${PROJECT_BINARY_DIR}/pargist-config-version.cmake
        DESTINATION ${PARGIST_CMAKE_DIR})
