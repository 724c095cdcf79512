drop table if exists gh_ost_test;
create table gh_ost_test (
  code char(8) not null,
  amount decimal(10,2) not null default 0,
  note varchar(40),
  unique key code_uidx (code),
  key amount_idx (amount)
) engine=innodb;

insert into gh_ost_test values ('AAA-0001', 10.50, 'x'), ('AAA-0002', 7.25, null), ('BBB-0001', 0, 'y');
