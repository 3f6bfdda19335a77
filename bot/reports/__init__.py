"""What coordinators report: the group's numbers (/stats), its items as a
file (/export, ``mutualaid export``) and a weekly chart (/report and the
``report`` setting). Platform-free and clock-free: every function is given
the session, the group's zone and ``now`` (only the command line's export,
run by a person, reads the clock)."""
