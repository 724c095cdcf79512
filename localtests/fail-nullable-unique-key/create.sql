drop table if exists gh_ost_test;
create table gh_ost_test (
  serial int,
  label varchar(20) not null,
  unique key serial_uidx (serial)
) engine=innodb;

insert into gh_ost_test values (10, 'ten'), (20, 'twenty'), (30, 'thirty');
